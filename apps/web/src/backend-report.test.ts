import type { BackendStatus } from '@rnn/models';
import { backendReportHtml } from './backend-report';

describe('backendReportHtml', () => {
  const statuses: BackendStatus[] = [
    { name: 'webgl', package: '@tensorflow/tfjs', available: true, trains: true, reason: 'loads and trains' },
    {
      name: 'webgpu',
      package: '@tensorflow/tfjs-backend-webgpu',
      available: false,
      trains: false,
      reason: 'is not installed',
      remedy: 'install it with: npm install <pkg>',
    },
  ];

  it('marks the backend in use and gives the reason for each', () => {
    const html = backendReportHtml(statuses, { name: 'webgl', reason: 'fastest', passedOver: [] });
    expect(html).toContain('<tr aria-current="true"><td>webgl</td><td>trains</td>');
    expect(html).toContain(
      '<td>webgpu</td><td>unavailable</td><td>is not installed (install it with: npm install &#60;pkg&#62;)</td>',
    );
    expect(html).toContain('Using <strong>webgl</strong>: fastest');
  });

  it('says which kernel runs the recurrences, and whether the WebAssembly kernels loaded', () => {
    const html = backendReportHtml(
      statuses,
      { name: 'cpu', reason: 'the only one', passedOver: [] },
      {
        sequence: { name: 'wasm', reason: 'the native addon is not loaded; WebAssembly SIMD kernel on cpu' },
        wasm: { loaded: true, reason: 'WebAssembly SIMD <4x8>' },
      },
    );
    expect(html).toContain(
      'Recurrences run on the <strong>wasm</strong> kernel: the native addon is not loaded; WebAssembly SIMD kernel on cpu.',
    );
    expect(html).toContain('WebAssembly SIMD kernels loaded: WebAssembly SIMD &#60;4x8&#62;.');
    expect(backendReportHtml(statuses, { name: 'webgl', reason: 'fastest', passedOver: [] })).not.toContain(
      'Recurrences',
    );
  });

  it('leaves the table out until the backends have been checked', () => {
    const html = backendReportHtml([], { name: 'cpu', reason: 'requested by name', passedOver: [] });
    expect(html).toBe('<p>Using <strong>cpu</strong>: requested by name</p>');
  });
});
