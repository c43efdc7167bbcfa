// What the end-to-end test needs around the page: a fresh build, `vite preview` serving it on a
// free port, and Debian's chromium driven by playwright-core. Node only; never bundled.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

/** The web app's folder. */
export const appDir = path.resolve(__dirname, '..', '..');
const repoDir = path.resolve(appDir, '..', '..');
/** Where the browser is expected: Debian's chromium package. */
export const chromiumPath = '/usr/bin/chromium';

/** Flags that run chromium headless in a container, with nothing reaching out to the network. */
const chromiumFlags = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Throws one line saying how to install chromium when it is missing: the test must not skip quietly. */
export function requireChromium(executable: string = chromiumPath): void {
  if (!existsSync(executable)) {
    throw new Error(`${executable} is missing: install it with apt-get install -y chromium`);
  }
}

/** The newest modification time under `dir` (tests and the test harness left out: they are not built). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'e2e') newest = Math.max(newest, newestSource(full));
    } else if (!/\.test\.ts$/.test(entry.name)) {
      newest = Math.max(newest, statSync(full).mtimeMs);
    }
  }
  return newest;
}

/**
 * The build the tests serve: `dist`, or the folder `RNN_WEB_OUT_DIR` names (relative to the app), so
 * that test runs in parallel against changing sources do not overwrite each other's build.
 */
export const outDir = process.env.RNN_WEB_OUT_DIR || 'dist';

/** Whether the build was made after every source the page bundles: its own and the packages'. */
function buildIsFresh(): boolean {
  const built = path.join(appDir, outDir, 'index.html');
  if (!existsSync(built)) return false;
  const packages = path.join(repoDir, 'packages');
  const sources = [
    newestSource(path.join(appDir, 'src')),
    statSync(path.join(appDir, 'index.html')).mtimeMs,
    statSync(path.join(appDir, 'vite.config.mts')).mtimeMs,
    statSync(path.join(repoDir, 'package-lock.json')).mtimeMs,
    ...readdirSync(packages).map((p) => {
      const src = path.join(packages, p, 'src');
      return existsSync(src) ? newestSource(src) : 0;
    }),
  ];
  return statSync(built).mtimeMs > Math.max(...sources);
}

const viteBin = () => path.join(path.dirname(require.resolve('vite/package.json')), 'bin', 'vite.js');

/** Blocks this thread for `ms` milliseconds (the harness's build wait is synchronous). */
function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/** A build lock older than this is left over from a killed run, not a build in progress. */
const staleLockMs = 5 * 60_000;

/**
 * Builds the app with Vite unless the build is newer than everything it bundles. Test files run in
 * parallel workers, so one build at a time: the others wait for it (a lock folder) and use it.
 */
export function ensureFreshBuild(): void {
  if (buildIsFresh()) return;
  const lock = path.join(appDir, `.${outDir}.building`);
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > staleLockMs) rmSync(lock, { recursive: true, force: true });
      else sleep(250);
      if (buildIsFresh()) return;
    }
  }
  try {
    if (buildIsFresh()) return;
    const build = spawnSync(process.execPath, [viteBin(), 'build', '--logLevel', 'warn', '--outDir', outDir], {
      cwd: appDir,
      encoding: 'utf8',
    });
    if (build.status !== 0) throw new Error(`vite build failed:\n${build.stdout}${build.stderr}`);
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** A running `vite preview` of the build. */
export interface PreviewServer {
  readonly url: string;
  close(): Promise<void>;
}

/** Serves the build with `vite preview` on a free port of 127.0.0.1, once it answers. */
export async function startPreview(): Promise<PreviewServer> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [viteBin(), 'preview', '--host', '127.0.0.1', '--port', String(port), '--strictPort', '--outDir', outDir],
    { cwd: appDir, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const url = `http://127.0.0.1:${port}/`;
  const close = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      child.kill();
    });
  for (let tries = 0; tries < 200; tries++) {
    if (child.exitCode !== null) throw new Error(`vite preview exited with ${child.exitCode}:\n${output}`);
    try {
      if ((await fetch(url)).ok) return { url, close };
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await close();
  throw new Error(`vite preview did not answer at ${url}:\n${output}`);
}

/** A headless chromium with a fresh profile; `close` also removes the profile. */
export async function launchChromium(): Promise<{ context: BrowserContext; close(): Promise<void> }> {
  const home = mkdtempSync(path.join(tmpdir(), 'rnn-web-e2e-'));
  const context = await chromium.launchPersistentContext(path.join(home, 'profile'), {
    executablePath: chromiumPath,
    headless: true,
    args: chromiumFlags,
    viewport: { width: 1200, height: 900 },
    env: {
      ...process.env,
      XDG_CONFIG_HOME: path.join(home, 'config'),
      XDG_CACHE_HOME: path.join(home, 'cache'),
    },
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(home, { recursive: true, force: true });
    },
  };
}

/**
 * Collects into `problems` everything on the page that a test should fail on: page errors, console
 * errors of the page and its workers, failed requests and HTTP errors. A test checks `problems` is
 * empty after each case.
 */
export function watchProblems(page: Page, problems: string[]): void {
  page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console error: ${message.text()} (${message.location().url})`);
  });
  page.on('requestfailed', (request) => problems.push(`request failed: ${request.url()}`));
  page.on('response', (response) => {
    if (response.status() >= 400) problems.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  page.on('worker', (worker) =>
    worker.on('console', (message) => {
      if (message.type() === 'error') problems.push(`worker console error: ${message.text()}`);
    }),
  );
}

/**
 * A screenshot for review: the whole page, or only its part with data-testid `part`, into
 * apps/web/screenshots/ (not committed) and, with RNN_WEB_DOCS_SCREENSHOTS=1, apps/web/docs/ for the README.
 */
export async function screenshot(page: Page, name: string, part?: string): Promise<void> {
  const dirs = [path.join(appDir, 'screenshots')];
  if (process.env.RNN_WEB_DOCS_SCREENSHOTS === '1') dirs.push(path.join(appDir, 'docs'));
  for (const dir of dirs) {
    mkdirSync(dir, { recursive: true });
    const file = path.join(dir, `${name}.png`);
    if (part) await page.getByTestId(part).screenshot({ path: file });
    else await page.screenshot({ path: file, fullPage: true });
  }
}

/**
 * What a browser test starts with: the build (made if stale), served; chromium with a fresh profile
 * and one page, whose problems go into `problems` ({@link watchProblems}). Close `browser` and
 * `server` after the tests.
 */
export async function openPlayground(
  problems: string[],
): Promise<{ server: PreviewServer; browser: Awaited<ReturnType<typeof launchChromium>>; page: Page }> {
  requireChromium();
  ensureFreshBuild();
  const server = await startPreview();
  const browser = await launchChromium();
  const page = await browser.context.newPage();
  watchProblems(page, problems);
  return { server, browser, page };
}
