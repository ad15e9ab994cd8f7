import { useI18n } from '../i18n/context.tsx';
import type { FieldFinding, PhiPhase } from './use-phi-check.ts';

/** What the privacy check found, each span with its type and a one-click redaction. */
export function PhiPanel(props: {
  id: string;
  phase: PhiPhase;
  findings: FieldFinding[];
  refused: boolean;
  onApply(finding: FieldFinding): void;
  onApplyAll(): void;
}) {
  const { t } = useI18n();
  if (props.phase === 'idle' && !props.refused) return null;
  const count = props.findings.length;
  const summary =
    props.phase === 'unavailable'
      ? t('phi.unavailable')
      : count > 0
        ? t('phi.found', { count })
        : props.phase === 'checking'
          ? t('phi.checking')
          : t('phi.clear');
  return (
    <section
      id={props.id}
      className={count > 0 ? 'phi phi-found' : 'phi'}
      aria-labelledby={`${props.id}-heading`}
    >
      <h3 id={`${props.id}-heading`} className="phi-heading">
        {t('phi.heading')}
      </h3>
      {props.refused ? (
        <p className="phi-refused" role="alert">
          {t('phi.refused')}
        </p>
      ) : null}
      <p className="phi-summary" role="status">
        {summary}
      </p>
      {count > 0 ? (
        <ul className="phi-findings">
          {props.findings.map((f) => (
            <li key={`${f.field}:${f.start}:${f.end}`}>
              <span className="phi-type">{t(`phi.type.${f.type}`)}</span> <mark dir="auto">{f.text}</mark>
              {f.field === 'spoiler_text' ? <span className="muted"> ({t('phi.inCw')})</span> : null}{' '}
              <button type="button" className="small" onClick={() => props.onApply(f)}>
                {t('phi.use', { replacement: f.replacement })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {count > 1 ? (
        <button type="button" onClick={props.onApplyAll}>
          {t('phi.useAll')}
        </button>
      ) : null}
    </section>
  );
}
