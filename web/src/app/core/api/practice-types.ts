import { Schemas } from './api-types';

/** The practice's settings as the admin reads them (GET/PUT /api/admin/practice). */
export type PracticeSettings = Schemas['PracticeSettingsDto'];
export type UpdatePracticeSettingsRequest = Schemas['UpdatePracticeSettingsCommand'];
/** Where to get help now: the practice's Markdown and the same as safe HTML rendered by the API. */
export type CrisisResources = Schemas['CrisisResourcesDto'];
