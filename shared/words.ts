/** Counting in words, the same in the core's messages and the page. */
const countFormat = new Intl.NumberFormat('en-US');

/** "1 AMI", "1,204 AMIs". */
export function plural(n: number, one: string, many = `${one}s`): string {
  return `${countFormat.format(n)} ${n === 1 ? one : many}`;
}
