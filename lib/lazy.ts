/**
 * A value made on its first use, then kept. For module-level objects that cost to make and that
 * not every page importing the module uses: an Intl formatter loads its locale's data when it is
 * made, which took some 25 ms of a model's first load while the page's modules were evaluated.
 */
export function lazy<T>(create: () => T): () => T {
  let made: { value: T } | null = null;
  return () => {
    made ??= { value: create() };
    return made.value;
  };
}
