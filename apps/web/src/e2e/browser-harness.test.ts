import { requireChromium } from './browser-harness';

describe('requireChromium', () => {
  it('fails in one line that says how to install a missing browser, rather than letting the test skip', () => {
    expect(() => requireChromium('/nonexistent/chromium')).toThrow(
      /^\/nonexistent\/chromium is missing: install it with apt-get install -y chromium$/,
    );
    expect(() => requireChromium(process.execPath)).not.toThrow();
  });
});
