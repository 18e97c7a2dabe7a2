import { Icon } from '../../components/Icon';
import { useCopied } from '../../components/useCopied';

/** Preformatted text (a policy statement) with a copy button that says when it copied. */
export function CodeBlock({ label, code }: { label: string; code: string }) {
  const { copied, copy } = useCopied();
  return (
    <figure className="code-block">
      <figcaption className="code-block-head">
        <span>{label}</span>
        <button type="button" className="button button-small" onClick={() => void copy(code)} aria-label={`Copy ${label.toLowerCase()}`}>
          <Icon name={copied ? 'check' : 'copy'} size={13} /> {copied ? 'Copied' : 'Copy'}
        </button>
      </figcaption>
      <pre className="code-block-body mono" tabIndex={0} data-testid="policy-statement">
        {code}
      </pre>
    </figure>
  );
}
