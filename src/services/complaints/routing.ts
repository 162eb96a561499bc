import type { ComplaintKind } from "../../db/schema/complaints";
import type { RoutingCatalog, RoutingRule } from "./catalog";

export interface RoutingInput {
  kind: ComplaintKind;
  program: string;
  category: string;
  /** department code: the ubigeo's first two digits */
  region: string;
  urgent: boolean;
}

export interface Route {
  rule: string;
  queue: string;
  priority: number;
  businessDays: number;
}

function matches(rule: RoutingRule, input: RoutingInput): boolean {
  const w = rule.when;
  return (
    (!w.kind || w.kind.includes(input.kind)) &&
    (!w.program || w.program.includes(input.program)) &&
    (!w.category || w.category.includes(input.category)) &&
    (!w.region || w.region.includes(input.region)) &&
    (w.urgent === undefined || w.urgent === input.urgent)
  );
}

/** The first rule that matches decides the queue, priority and deadline (rules are data: db/catalog/routing.json). */
export function routeComplaint(catalog: RoutingCatalog, input: RoutingInput): Route {
  const rule = catalog.rules.find((r) => matches(r, input));
  // the catalog's validation guarantees a catch-all per kind; this is the last line of defence
  if (!rule) throw new Error(`no routing rule for kind ${input.kind}`);
  return { rule: rule.id, queue: rule.queue, priority: rule.priority, businessDays: rule.businessDays };
}

/** The ubigeo's department ("030101" → "03"). */
export const regionOf = (ubigeo: string) => ubigeo.slice(0, 2);
