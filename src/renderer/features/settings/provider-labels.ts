/** Provider names as artists see them; shared with the core, which uses them in its sentences. */
export { providerNames as providerLabels } from '../../../shared/provider-names';
