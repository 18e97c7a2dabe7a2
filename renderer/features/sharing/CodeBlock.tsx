import { useEffect, useState } from 'react';
import { copyText } from '../../components/clipboard';
import { Icon } from '../../components/Icon';

/** Preformatted text (a policy statement) with a copy button that says when it copied. */
export function CodeBlock({ label, code }: { label: string; code: string }) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const t = setTimeout(() => setCopied(false), 1400);
    return () => clearTimeout(t);
  }, [copied]);
  return (
    <figure className="code-block">
      <figcaption className="code-block-head">
        <span>{label}</span>
        <button type="button" className="button button-small" onClick={() => void copyText(code).then(() => setCopied(true))} aria-label={`Copy ${label.toLowerCase()}`}>
          <Icon name={copied ? 'check' : 'copy'} size={13} /> {copied ? 'Copied' : 'Copy'}
        </button>
      </figcaption>
      <pre className="code-block-body mono" tabIndex={0} data-testid="policy-statement">
        {code}
      </pre>
    </figure>
  );
}
