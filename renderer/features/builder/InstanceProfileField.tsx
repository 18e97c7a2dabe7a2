import type { InstanceProfileCheck } from '../../../shared/imagebuilder-checks';
import { Icon } from '../../components/Icon';
import { useCopied } from '../../components/useCopied';
import { CheckNote } from './CheckNote';
import { profileKey, useInstanceProfileCheck } from './wizardChecks';
import type { WizardState } from './wizardStore';

/**
 * Under the instance profile field: whether the profile exists, holds a role, and the role has
 * both managed policies Image Builder needs; else what is missing and the AWS CLI commands that
 * fix it, to copy. It warns without blocking: the permissions may be granted in other ways.
 */
export function InstanceProfileStatus({ wizard }: { wizard: WizardState }) {
  const check = useInstanceProfileCheck(wizard);
  const name = wizard.form.instanceProfileName.trim();
  if (!name) return null;
  if (check.key !== profileKey(wizard) || check.status === 'idle' || check.status === 'checking') {
    return (
      <CheckNote tone="checking" testId="instance-profile-check">
        Checking the instance profile <span className="mono">{name}</span>…
      </CheckNote>
    );
  }
  if (check.status === 'error' || !check.result) {
    return (
      <CheckNote tone="warn" testId="instance-profile-check">
        Could not check the instance profile: {check.error?.message ?? 'no answer'}
      </CheckNote>
    );
  }
  const result = check.result;
  return (
    <CheckNote tone={result.status === 'ok' ? 'ok' : result.status === 'unverified' ? 'warn' : 'bad'} testId="instance-profile-check">
      <span data-status={result.status}>{result.message}</span>
      {result.fix.length > 0 && <FixCommands result={result} />}
    </CheckNote>
  );
}

function FixCommands({ result }: { result: InstanceProfileCheck }) {
  const all = useCopied();
  return (
    <>
      <ul className="check-fix" aria-label="AWS CLI commands that fix it" data-testid="instance-profile-fix">
        {result.fix.map((command) => (
          <FixCommand key={command} command={command} />
        ))}
      </ul>
      {result.fix.length > 1 && (
        <span>
          <button type="button" className="link-button" onClick={() => void all.copy(result.fix.join('\n'))}>
            {all.copied ? 'Copied all commands' : 'Copy all commands'}
          </button>
        </span>
      )}
    </>
  );
}

function FixCommand({ command }: { command: string }) {
  const { copied, copy } = useCopied();
  return (
    <li>
      <code>{command}</code>
      <button type="button" className="icon-button" aria-label={`Copy the command: ${command}`} title={copied ? 'Copied' : 'Copy'} onClick={() => void copy(command)} data-testid="fix-copy">
        <Icon name={copied ? 'check' : 'copy'} size={13} />
      </button>
      {copied && (
        <span role="status" className="sr-only">
          Copied
        </span>
      )}
    </li>
  );
}
