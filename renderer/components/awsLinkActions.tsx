import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { createPortal } from 'react-dom';
import { invoke, toAppError } from '../api';
import { copyText } from './clipboard';
import { Icon } from './Icon';
import { consoleUrl, describeImagesCommand, endpointOf, imageArn } from '../lib/awsLinks';
import { findAccount } from '../lib/workspace';
import { useAtlas } from '../store';
import type { RowMenuItem } from './RowMenu';

/** An AMI as the actions need it: where it lives and the account (entry id) it is read through. */
export interface LinkTarget {
  imageId: string;
  region: string;
  account: string | null;
}

interface Notice {
  id: number;
  tone: 'success' | 'danger';
  text: string;
  /** What was copied, shown after the text so the user sees exactly what is on the clipboard. */
  value?: string;
}

const NOTICE_MS = { success: 2600, danger: 8000 } as const;

function hostOf(endpoint: string): string {
  try {
    return new URL(endpoint).host;
  } catch {
    return endpoint;
  }
}

/**
 * The AMI actions that lead out of the app: the image's page in the AWS Console (opened by main,
 * which builds the URL itself), and its id, ARN or an AWS CLI command on the clipboard. Returns
 * the menu items and the short notice that confirms a copy (or says why opening failed).
 */
export function useAwsLinkActions(): { itemsFor(target: LinkTarget): RowMenuItem[]; notice: ReactNode } {
  const [notice, setNotice] = useState<Notice | null>(null);

  useEffect(() => {
    if (!notice) return;
    const t = setTimeout(() => setNotice(null), NOTICE_MS[notice.tone]);
    return () => clearTimeout(t);
  }, [notice]);

  const itemsFor = useCallback((target: LinkTarget): RowMenuItem[] => {
    const say = (tone: Notice['tone'], text: string, value?: string) => setNotice({ id: Date.now(), tone, text, ...(value ? { value } : {}) });
    const copy = (what: string, text: string) =>
      void copyText(text).then(
        () => say('success', `Copied ${what}`, text),
        () => say('danger', `Could not copy ${what}: the clipboard refused.`),
      );
    const items: RowMenuItem[] = [];
    // Outside the commercial partition there is no console page we link to; the item is left out.
    if (consoleUrl(target.region, target.imageId)) {
      const elsewhere = endpointOf(findAccount(useAtlas.getState().workspace, target.account));
      items.push({
        id: 'open-console',
        label: 'Open in AWS Console',
        icon: 'external',
        // The console shows AWS; an account behind another endpoint (the demo's, a private one) is not there.
        ...(elsewhere ? { disabledReason: `This account talks to ${hostOf(elsewhere)}, not AWS: the AWS Console cannot show this AMI.` } : {}),
        onSelect: () =>
          void invoke('app:openConsole', { region: target.region, imageId: target.imageId }).catch((error: unknown) =>
            say('danger', `Could not open the AWS Console: ${toAppError(error).message}`),
          ),
      });
    }
    items.push(
      { id: 'copy-id', label: 'Copy AMI ID', icon: 'copy', onSelect: () => copy('the AMI ID', target.imageId) },
      { id: 'copy-arn', label: 'Copy ARN', onSelect: () => copy('the ARN', imageArn(target.region, target.imageId)) },
      {
        id: 'copy-cli',
        label: 'Copy as AWS CLI command',
        onSelect: () => {
          // Read now, not when the menu was built: the account's read path may have changed since.
          const account = findAccount(useAtlas.getState().workspace, target.account);
          copy('the AWS CLI command', describeImagesCommand(target, account));
        },
      },
    );
    return items;
  }, []);

  const node = notice
    ? createPortal(
        <div
          key={notice.id}
          className={`action-notice action-notice-${notice.tone}`}
          role={notice.tone === 'danger' ? 'alert' : 'status'}
          data-testid="action-notice"
        >
          <Icon name={notice.tone === 'danger' ? 'alert' : 'check'} size={14} className="icon action-notice-icon" />
          <span className="action-notice-text">{notice.text}</span>
          {notice.value && <code className="action-notice-value">{notice.value}</code>}
        </div>,
        document.body,
      )
    : null;
  return { itemsFor, notice: node };
}
