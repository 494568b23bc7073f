/**
 * What ParamField hands every control. Kept apart from ParamField so the controls can import it
 * without importing ParamField, which imports them (no import cycle).
 */
import type { ParamSpec } from '../../../shared/catalog';
import type { ParamState } from './useParamValues';

/** What every control gets: its ids for labelling and description, and the live state. */
export interface FieldProps<P extends ParamSpec = ParamSpec> {
  param: P;
  id: string;
  labelId: string;
  describedBy: string;
  invalid: boolean;
  state: ParamState;
}

/** Beyond this many values a segmented control stops fitting the panel; a select takes over. */
export const segmentLimit = 5;
