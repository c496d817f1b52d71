// Pure functions over values a stack repeats thousands of times (CIDR blocks, sed patterns) are memoised; the
// table is emptied when full, so hostile input with endless distinct values costs memory only up to the limit.
export class BoundedMemo<K, V> {
  private readonly table = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K): V | undefined {
    return this.table.get(key);
  }

  set(key: K, value: V): V {
    if (this.table.size >= this.limit) this.table.clear();
    this.table.set(key, value);
    return value;
  }

  /** The remembered value, else `compute()` remembered. One lookup for a hit; `has` only for a remembered undefined. */
  through(key: K, compute: () => V): V {
    const known = this.table.get(key);
    if (known !== undefined || this.table.has(key)) return known as V;
    return this.set(key, compute());
  }
}
