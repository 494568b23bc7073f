/** A visible "?" whose tooltip shows on hover and on keyboard focus; fields point at it too. */
export function HelpTip({ id, label, text }: { id: string; label: string; text: string }) {
  return (
    <span className="help">
      <button type="button" className="help-button" aria-label="Help" title={`About ${label}`} aria-describedby={id}>
        ?
      </button>
      <span role="tooltip" id={id} className="help-tip">
        {text}
      </span>
    </span>
  );
}
