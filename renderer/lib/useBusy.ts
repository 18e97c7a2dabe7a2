import { useCallback, useState } from 'react';
import type { AppError } from '../../shared/errors';
import { toAppError } from '../api';

interface RunOptions {
  /** After a failure, before it shows (e.g. clear a secret that was rejected). */
  onError?: (error: AppError) => void;
  /** After success or failure alike (e.g. never keep a secret longer than the call needed it). */
  always?: () => void;
}

/**
 * A form's or button's one call at a time: `busy` while it runs, its failure kept in `error`
 * (cleared when the next call starts). `run` resolves true when the work succeeded.
 */
export function useBusy() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<AppError | null>(null);
  const run = useCallback(async (work: () => Promise<void>, options: RunOptions = {}): Promise<boolean> => {
    setBusy(true);
    setError(null);
    try {
      await work();
      return true;
    } catch (e) {
      const failure = toAppError(e);
      options.onError?.(failure);
      setError(failure);
      return false;
    } finally {
      options.always?.();
      setBusy(false);
    }
  }, []);
  return { busy, error, setError, run };
}
