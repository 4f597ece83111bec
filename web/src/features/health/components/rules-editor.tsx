// A JSON text area with line numbers; the lines with a problem are marked, and `focusLine` puts the
// caret on one.
import { forwardRef, useImperativeHandle, useRef, type UIEvent } from 'react';

export type RulesEditorHandle = { focusLine: (line: number) => void };
type Props = { value: string; onChange: (v: string) => void; readOnly: boolean; badLines: ReadonlySet<number> };

const LINE_HEIGHT = 20;

export const RulesEditor = forwardRef<RulesEditorHandle, Props>(({ value, onChange, readOnly, badLines }, ref) => {
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lines = value.split('\n').length;
  useImperativeHandle(ref, () => ({
    focusLine: (line) => {
      const el = area.current;
      if (!el) return;
      const start = value.split('\n').slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
      el.focus();
      el.setSelectionRange(start, start + (value.split('\n')[line - 1]?.length ?? 0));
      el.scrollTop = Math.max(0, (line - 5) * LINE_HEIGHT);
    },
  }), [value]);
  const sync = (e: UIEvent<HTMLTextAreaElement>) => {
    if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
  };
  return (
    <div className="rules-editor">
      <div className="rules-gutter" ref={gutter} aria-hidden>
        {Array.from({ length: lines }, (_, i) => (
          <div key={i} className={badLines.has(i + 1) ? 'bad' : undefined}>{i + 1}</div>
        ))}
      </div>
      <textarea
        ref={area}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        onScroll={sync}
        readOnly={readOnly}
        spellCheck={false}
        wrap="off"
        data-testid="rules-source"
        aria-label="rules"
      />
    </div>
  );
});
RulesEditor.displayName = 'RulesEditor';
