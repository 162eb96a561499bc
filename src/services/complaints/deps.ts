import type { Db } from "../../db/client";
import type { RoutingCatalog } from "./catalog";

/** What every complaints service needs: the database, the clock and the routing catalog. */
export interface ComplaintDeps {
  db: Db;
  now: () => number;
  catalog: RoutingCatalog;
  /** whether an ubigeo names a real district; absent: only the 6-digit format is checked */
  districtExists?: (ubigeo: string) => boolean | Promise<boolean>;
  /** E.164 phone alerted by SMS (in Spanish) when an urgent complaint is filed; absent: no alert */
  urgentAlertPhone?: string | null;
}
