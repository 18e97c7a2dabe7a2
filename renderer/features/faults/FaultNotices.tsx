import { useEffect, useState } from 'react';
import type { Events } from '../../../shared/contract';
import { on } from '../../api';
import { RelativeTime } from '../../components/RelativeTime';
import { Toast, ToastRegion } from '../../components/Toast';

type Fault = Events['app:fault'] & { key: number };

/** At most this many on screen; older ones make room (they are all in faults.log). */
const MAX_SHOWN = 3;

/**
 * Failures no request was waiting for (a background loop's, anything that would once have
 * ended the process): the app kept running, and says what failed and where the details are.
 * They stay until dismissed; they need reading.
 */
export function FaultNotices() {
  const [faults, setFaults] = useState<Fault[]>([]);
  useEffect(() => {
    let key = 0;
    let off: (() => void) | null = null;
    try {
      off = on('app:fault', (fault) => setFaults((list) => [...list, { ...fault, key: ++key }].slice(-MAX_SHOWN)));
    } catch {
      // No bridge: the app says so elsewhere.
    }
    return () => off?.();
  }, []);
  if (faults.length === 0) return null;
  const dismiss = (key: number) => setFaults((list) => list.filter((f) => f.key !== key));
  return (
    <ToastRegion label="Problems in the background">
      {faults.map((fault) => (
        <Toast key={fault.key} tone="danger" title={`Something failed in ${fault.what}`} testId="fault-notice" onDismiss={() => dismiss(fault.key)}>
          <span>{fault.message}</span>
          <span className="muted">
            AMI Atlas kept running
            {fault.logName ? (
              <>
                ; the details are in <span className="mono">{fault.logName}</span> in its data folder
              </>
            ) : null}{' '}
            · <RelativeTime value={fault.at} />
          </span>
        </Toast>
      ))}
    </ToastRegion>
  );
}
