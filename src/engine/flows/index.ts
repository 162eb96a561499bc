import { coreNodes } from "./core";
import { programNodes } from "./programs";
import { eligibilityNodes } from "./eligibility";
import { complaintNodes } from "./complaints";
import { lookupNodes } from "./lookup";
import { satisfactionNodes } from "./satisfaction";
import { noticeNodes } from "./notices";
import type { FlowNode } from "../types";

/**
 * Every flow node the engine serves. A section (eligibility, lookups, complaints) adds its
 * nodes here; the main menu already points at its `<section>.start` node.
 */
export const allNodes: FlowNode[] = [...coreNodes, ...programNodes, ...eligibilityNodes, ...complaintNodes, ...lookupNodes, ...satisfactionNodes, ...noticeNodes];
