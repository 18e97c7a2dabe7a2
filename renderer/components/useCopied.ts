import { useCallback, useEffect, useState } from 'react';
import { copyText } from './clipboard';

/** Copies text and says so for a moment: `copied` is true for 1.4 s after a copy. */
export function useCopied(): { copied: boolean; copy: (text: string) => Promise<void> } {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 1400);
    return () => clearTimeout(t);
  }, [copied]);
  const copy = useCallback((text: string) => copyText(text).then(() => setCopied(true)), []);
  return { copied, copy };
}
