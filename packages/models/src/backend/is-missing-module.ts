/**
 * Whether importing `pkg` failed because `pkg` itself is absent (as opposed to being installed but
 * broken, which needs a different remedy).
 */
export function isMissingModule(err: unknown, pkg: string): boolean {
  const e = err as { code?: string; message?: string };
  const message = typeof e?.message === 'string' ? e.message : '';
  // In a browser an unbundled bare specifier cannot resolve: for the app, that package is missing.
  if (message.includes(`Failed to resolve module specifier '${pkg}'`)) return true;
  const missing = e?.code === 'MODULE_NOT_FOUND' || e?.code === 'ERR_MODULE_NOT_FOUND';
  // A missing dependency *inside* an installed package is a broken install, not a missing package.
  return missing && message.includes(`'${pkg}'`);
}
