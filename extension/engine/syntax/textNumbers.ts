// Caches that outlive a parse key their entries by long texts they share (a
// module's import bindings, a set of module facts): every key carrying the
// text means hashing kilobytes per entry per edit. They carry a number for the
// text instead, given here.

/** A number per text, never given to another text; the least recently asked are forgotten past `capacity`. */
export class TextNumbers {
  private readonly numbers = new Map<string, number>();
  private next = 0;

  constructor(private readonly capacity: number) {}

  /** The number of `text`. A forgotten text gets a new number, so keys made with its old one simply stop matching. */
  of(text: string): number {
    let number = this.numbers.get(text);
    if (number === undefined) number = this.next++;
    else this.numbers.delete(text); // re-inserted below: most recently asked last
    this.numbers.set(text, number);
    if (this.numbers.size > this.capacity) this.numbers.delete(this.numbers.keys().next().value as string);
    return number;
  }
}
