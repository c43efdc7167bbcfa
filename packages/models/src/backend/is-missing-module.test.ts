import { isMissingModule } from './is-missing-module';

const nodeError = (message: string) => Object.assign(new Error(message), { code: 'MODULE_NOT_FOUND' });

describe('isMissingModule', () => {
  it('tells an absent package from an installed but broken one', () => {
    expect(isMissingModule(nodeError("Cannot find module '@tensorflow/tfjs-node'"), '@tensorflow/tfjs-node')).toBe(
      true,
    );
    expect(
      isMissingModule(nodeError("Cannot find module 'adm-zip'\nRequire stack: ..."), '@tensorflow/tfjs-node'),
    ).toBe(false);
    expect(
      isMissingModule(new Error('libtensorflow.so: cannot open shared object file'), '@tensorflow/tfjs-node'),
    ).toBe(false);
  });

  it('counts an unbundled bare specifier in a browser as missing', () => {
    const err = new TypeError(
      "Failed to resolve module specifier '@tensorflow/tfjs-backend-webgpu'. Relative references must start with /",
    );
    expect(isMissingModule(err, '@tensorflow/tfjs-backend-webgpu')).toBe(true);
  });
});
