import { Schemas } from '../core/api/api-types';

export type ThreadList = Schemas['ThreadListDto'];
export type Thread = Schemas['ThreadDto'];
export type MessagePage = Schemas['MessagePageDto'];
export type Message = Schemas['MessageDto'];
