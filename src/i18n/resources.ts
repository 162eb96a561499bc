// Every locale namespace, imported statically so the same bundle works on Node and Workers.
// Adding a namespace: create locales/{es,qu,ay}/<ns>.json and add it to the three maps below.
import esCommon from "../../locales/es/common.json";
import quCommon from "../../locales/qu/common.json";
import ayCommon from "../../locales/ay/common.json";
import esPrograms from "../../locales/es/programs.json";
import quPrograms from "../../locales/qu/programs.json";
import ayPrograms from "../../locales/ay/programs.json";
import esCommands from "../../locales/es/commands.json";
import quCommands from "../../locales/qu/commands.json";
import ayCommands from "../../locales/ay/commands.json";
import esDistricts from "../../locales/es/districts.json";
import quDistricts from "../../locales/qu/districts.json";
import ayDistricts from "../../locales/ay/districts.json";
import esSms from "../../locales/es/sms.json";
import quSms from "../../locales/qu/sms.json";
import aySms from "../../locales/ay/sms.json";
import esComplaints from "../../locales/es/complaints.json";
import quComplaints from "../../locales/qu/complaints.json";
import ayComplaints from "../../locales/ay/complaints.json";
import esWhatsapp from "../../locales/es/whatsapp.json";
import quWhatsapp from "../../locales/qu/whatsapp.json";
import ayWhatsapp from "../../locales/ay/whatsapp.json";
import esEligibility from "../../locales/es/eligibility.json";
import quEligibility from "../../locales/qu/eligibility.json";
import ayEligibility from "../../locales/ay/eligibility.json";
import esWeb from "../../locales/es/web.json";
import quWeb from "../../locales/qu/web.json";
import ayWeb from "../../locales/ay/web.json";
import esLookup from "../../locales/es/lookup.json";
import quLookup from "../../locales/qu/lookup.json";
import ayLookup from "../../locales/ay/lookup.json";
import esNotices from "../../locales/es/notices.json";
import quNotices from "../../locales/qu/notices.json";
import ayNotices from "../../locales/ay/notices.json";
import esSatisfaction from "../../locales/es/satisfaction.json";
import quSatisfaction from "../../locales/qu/satisfaction.json";
import aySatisfaction from "../../locales/ay/satisfaction.json";
import esCall from "../../locales/es/call.json";
import quCall from "../../locales/qu/call.json";
import ayCall from "../../locales/ay/call.json";
import esBroadcasts from "../../locales/es/broadcasts.json";
import quBroadcasts from "../../locales/qu/broadcasts.json";
import ayBroadcasts from "../../locales/ay/broadcasts.json";
import type { Lang } from "./langs";

export type Namespace = Record<string, unknown>;

export const resources: Record<Lang, Record<string, Namespace>> = {
  es: { common: esCommon, programs: esPrograms, commands: esCommands, districts: esDistricts, sms: esSms, complaints: esComplaints, whatsapp: esWhatsapp, eligibility: esEligibility, web: esWeb, lookup: esLookup, notices: esNotices, satisfaction: esSatisfaction, call: esCall, broadcasts: esBroadcasts },
  qu: { common: quCommon, programs: quPrograms, commands: quCommands, districts: quDistricts, sms: quSms, complaints: quComplaints, whatsapp: quWhatsapp, eligibility: quEligibility, web: quWeb, lookup: quLookup, notices: quNotices, satisfaction: quSatisfaction, call: quCall, broadcasts: quBroadcasts },
  ay: { common: ayCommon, programs: ayPrograms, commands: ayCommands, districts: ayDistricts, sms: aySms, complaints: ayComplaints, whatsapp: ayWhatsapp, eligibility: ayEligibility, web: ayWeb, lookup: ayLookup, notices: ayNotices, satisfaction: aySatisfaction, call: ayCall, broadcasts: ayBroadcasts },
};
