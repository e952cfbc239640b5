/**
 * The exam editor's `latest` functions: one stable function per question or text key, reading
 * that item as the page holds it right now. Its editors build every change on it, never on
 * an input Angular re-renders a moment after the change (two quick edits in a row used to
 * drop the first). Stable, so that the input does not change on every render.
 */
export function latestByKey<T>(
  read: (key: string) => T | undefined,
): (key: string) => () => T | undefined {
  const made = new Map<string, () => T | undefined>();
  return (key) => {
    let get = made.get(key);
    if (!get) {
      get = () => read(key);
      made.set(key, get);
    }
    return get;
  };
}

/** What an editor's `latest` input holds: a function reading its item as the page holds it. */
export type Latest<T> = (() => T | undefined) | undefined;

/** The item to build a change on: as the page holds it now, else the rendered input. */
export function heldNow<T>(latest: Latest<T>, rendered: T): T {
  return latest?.() ?? rendered;
}
