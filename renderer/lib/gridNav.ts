/** Keyboard movement in a list: which index a key leads to, or null when the key is not ours. */
export function nextIndex(current: number, key: string, count: number, pageSize: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  // With nothing selected, any move starts from the top (or the bottom for End/Up).
  if (current < 0 || current > last) {
    if (key === 'End' || key === 'ArrowUp' || key === 'k') return last;
    if (['ArrowDown', 'j', 'Home', 'PageDown', 'PageUp'].includes(key)) return 0;
    return null;
  }
  switch (key) {
    case 'ArrowDown':
    case 'j':
      return Math.min(current + 1, last);
    case 'ArrowUp':
    case 'k':
      return Math.max(current - 1, 0);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageDown':
      return Math.min(current + Math.max(1, pageSize), last);
    case 'PageUp':
      return Math.max(current - Math.max(1, pageSize), 0);
    default:
      return null;
  }
}
