/** Marks rabbitpulse's own connections (probe, large-message probe, event subscription) wherever they are listed. */
export function OwnTag() {
  return (
    <span className="tag-own" title="One of rabbitpulse's own connections: kept out of the findings about applications">
      rabbitpulse
    </span>
  );
}
