/** The page's element of that id, typed as the caller expects; a missing one is a broken page, said so. */
export function byId<T extends HTMLElement>(id: string): T {
  const found = document.getElementById(id);
  if (!found) throw new Error(`the page has no element #${id}`);
  return found as T;
}
