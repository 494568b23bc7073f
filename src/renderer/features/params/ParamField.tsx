import { useId } from 'react';
import type { ParamSpec } from '../../../shared/catalog';
import { HelpTip } from './HelpTip';
import { BooleanField, EnumField, TextField } from './ChoiceFields';
import { NumberField } from './NumberField';
import { SeedField } from './SeedField';
import type { ParamState } from './useParamValues';
import { segmentLimit, type FieldProps } from './field-props';

/** One parameter: its display name, a "?" with the help, the control, and its sentence when wrong. */
export function ParamField({ param, state }: { param: ParamSpec; state: ParamState }) {
  const id = useId();
  const problem = state.problems[param.key] ?? null;
  const helpId = `${id}-help`;
  const problemId = `${id}-problem`;
  const props = { id, labelId: `${id}-label`, describedBy: problem ? `${problemId} ${helpId}` : helpId, invalid: problem !== null, state };
  // Radio groups are named by aria-labelledby; every other control has a <label for>.
  const Label = param.type === 'enum' && param.values.length <= segmentLimit ? 'span' : 'label';

  return (
    <div className={`param param-${param.type}`} title={param.help}>
      <div className="param-head">
        <Label id={props.labelId} className="param-label" htmlFor={Label === 'label' ? id : undefined}>
          {param.label}
        </Label>
        <HelpTip id={helpId} label={param.label} text={param.help} />
      </div>
      <div className="param-control">{control(param, props)}</div>
      {problem && (
        <p id={problemId} className="param-problem">
          {problem}
        </p>
      )}
    </div>
  );
}

function control(param: ParamSpec, props: Omit<FieldProps, 'param'>) {
  switch (param.type) {
    case 'number':
    case 'integer':
      return <NumberField param={param} {...props} />;
    case 'seed':
      return <SeedField param={param} {...props} />;
    case 'enum':
      return <EnumField param={param} {...props} />;
    case 'boolean':
      return <BooleanField param={param} {...props} />;
    case 'string':
      return <TextField param={param} {...props} />;
  }
}
