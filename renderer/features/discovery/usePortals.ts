import { useEffect, useMemo, useRef, useState } from 'react';
import { toAppError } from '../../api';
import { AppError } from '../../../shared/errors';
import { followSsoStatus, ssoAccounts, ssoSignIn } from './actions';
import { sameUrl, type PortalSettings, type PortalState } from './portals';

const STATUS_TEXT = {
  denied: 'Sign-in was denied in the browser.',
  expired: 'The code expired before it was approved.',
  failed: 'Sign-in failed.',
} as const;

/**
 * The dialog's portals, side by side. Connecting one reads its directory with the cached token;
 * when there is none (or it expired) the device sign-in starts, the browser opens, and the
 * directory is read as soon as the sign-in is approved.
 */
export function usePortals() {
  const [portals, setPortals] = useState<PortalState[]>([]);
  const following = useRef(new Map<string, () => void>());
  useEffect(() => {
    const offs = following.current;
    return () => offs.forEach((off) => off());
  }, []);

  const actions = useMemo(() => {
    const patch = (startUrl: string, change: Partial<PortalState>) =>
      setPortals((list) => list.map((p) => (sameUrl(p.startUrl, startUrl) ? { ...p, ...change } : p)));
    const stopFollowing = (startUrl: string) => {
      following.current.get(startUrl)?.();
      following.current.delete(startUrl);
    };

    async function read(settings: PortalSettings, afterSignIn: boolean): Promise<void> {
      patch(settings.startUrl, { phase: 'reading', error: null });
      try {
        const directory = await ssoAccounts(inputOf(settings));
        patch(settings.startUrl, { phase: 'ready', accounts: directory.accounts, start: null });
      } catch (e) {
        const error = toAppError(e);
        // No token yet, or one the portal no longer takes: sign in, once.
        if (error.code === 'AUTH_FAILED' && !afterSignIn) await signIn(settings);
        else patch(settings.startUrl, { phase: 'failed', error });
      }
    }

    async function signIn(settings: PortalSettings): Promise<void> {
      const { startUrl } = settings;
      stopFollowing(startUrl);
      following.current.set(
        startUrl,
        followSsoStatus(startUrl, (status) => {
          if (status.state === 'pending') return;
          stopFollowing(startUrl);
          if (status.state === 'signed-in') void read(settings, true);
          else patch(startUrl, { phase: 'failed', start: null, error: new AppError({ code: 'AUTH_FAILED', message: status.message ?? STATUS_TEXT[status.state], retryable: true }) });
        }),
      );
      patch(startUrl, { phase: 'signing-in', start: null, error: null });
      try {
        patch(startUrl, { start: await ssoSignIn(inputOf(settings)) });
      } catch (e) {
        stopFollowing(startUrl);
        patch(startUrl, { phase: 'failed', error: toAppError(e) });
      }
    }

    return {
      connect(settings: PortalSettings) {
        stopFollowing(settings.startUrl);
        setPortals((list) => [...list.filter((p) => !sameUrl(p.startUrl, settings.startUrl)), { ...settings, phase: 'reading', start: null, accounts: [], error: null }]);
        void read(settings, false);
      },
      retry(settings: PortalSettings) {
        void read(settings, false);
      },
      cancel(startUrl: string) {
        stopFollowing(startUrl);
        setPortals((list) => list.filter((p) => !sameUrl(p.startUrl, startUrl)));
      },
      setClient(startUrl: string, clientName: string) {
        patch(startUrl, { clientName });
      },
    };
  }, []);

  return { portals, ...actions };
}

export function inputOf(settings: PortalSettings) {
  return { startUrl: settings.startUrl, ssoRegion: settings.ssoRegion, sessionName: settings.sessionName, endpoint: settings.endpoint };
}
