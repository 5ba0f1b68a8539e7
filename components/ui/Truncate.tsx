import { inert } from '../../server/shared/inert';

/**
 * Untrusted text (connection names, client properties) rendered inert as a
 * React text node, cut with an ellipsis by CSS and shown whole on hover.
 * Control and bidirectional characters are shown as visible stand-ins
 * (`inert`), so `vh\u202Eevil` cannot display as "vhlive".
 * Very long values are also cut in the DOM so a hostile 1 MB name cannot
 * bloat every row.
 */
const MAX_CHARS = 300;

export function Truncate({ text: raw, className }: { text: string; className?: string }) {
  const text = inert(raw);
  const shown = text.length > MAX_CHARS ? `${text.slice(0, MAX_CHARS)}…` : text;
  return (
    <span className={className ? `truncate ${className}` : 'truncate'} title={text.length > MAX_CHARS ? `${text.slice(0, 2000)}…` : text}>
      {shown}
    </span>
  );
}
