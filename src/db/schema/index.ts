// Every table of the service. drizzle-kit reads this file to generate migrations.
export * from "./contacts";
export * from "./sessions";
export * from "./audit";
export * from "./outbox";
export * from "./staff-users";
export * from "./staff-sessions";
export * from "./persons";
export * from "./enrolments";
export * from "./classifications";
export * from "./payments";
export * from "./lookup-throttle";
export * from "./sms";
export * from "./complaints";
export * from "./inbound-messages";
export * from "./eligibility-counts";
export * from "./delivery-reports";
export * from "./staff-login-failures";
