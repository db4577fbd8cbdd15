// Uniqueness within a file (usernames, emails, phone numbers) without holding 500,000 strings: each
// key is kept as a 64-bit hash (two independent 32-bit FNV-1a variants) in an open-addressing table
// of typed arrays, 12 bytes a slot, with the line that first held it. A JavaScript Set of the strings
// would cost ~60 bytes a key (30 MB a column at the file limit); a false "duplicate" needs two keys
// to agree on all 64 bits, about 1 in 10^8 for a file at the 500,000-row limit.

const EMPTY = 0; // lines start at 1, so line 0 marks a free slot

export class CompactKeySet {
  private capacity = 1024;
  private size = 0;
  private hashA = new Int32Array(this.capacity);
  private hashB = new Int32Array(this.capacity);
  private lines = new Int32Array(this.capacity);

  /** Records key at line; returns the earlier line holding the same key, or undefined when it is new. */
  addOrFind(key: string, line: number): number | undefined {
    let a = 0x811c9dc5 | 0;
    let b = 0x01000193 ^ 0x9e3779b9;
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      a = Math.imul(a ^ c, 0x01000193);
      b = Math.imul(b ^ c, 0x5bd1e995);
      b ^= b >>> 15;
    }
    const found = this.probe(a, b);
    if (found >= 0) return this.lines[found];
    if ((this.size + 1) * 4 > this.capacity * 3) this.grow();
    this.insert(a, b, line);
    return undefined;
  }

  /** Slot holding (a, b), or -1. */
  private probe(a: number, b: number): number {
    const mask = this.capacity - 1;
    for (let slot = a & mask; ; slot = (slot + 1) & mask) {
      if (this.lines[slot] === EMPTY) return -1;
      if (this.hashA[slot] === a && this.hashB[slot] === b) return slot;
    }
  }

  private insert(a: number, b: number, line: number): void {
    const mask = this.capacity - 1;
    let slot = a & mask;
    while (this.lines[slot] !== EMPTY) slot = (slot + 1) & mask;
    this.hashA[slot] = a;
    this.hashB[slot] = b;
    this.lines[slot] = line;
    this.size++;
  }

  private grow(): void {
    const { hashA, hashB, lines } = this;
    this.capacity *= 2;
    this.size = 0;
    this.hashA = new Int32Array(this.capacity);
    this.hashB = new Int32Array(this.capacity);
    this.lines = new Int32Array(this.capacity);
    for (let i = 0; i < lines.length; i++) if (lines[i] !== EMPTY) this.insert(hashA[i], hashB[i], lines[i]);
  }
}
