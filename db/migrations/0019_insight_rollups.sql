CREATE TABLE `complaint_answer_rollups` (
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`program` text NOT NULL,
	`queue` text NOT NULL,
	`answer_days` integer NOT NULL,
	`on_time` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`grain`, `period`, `program`, `queue`, `answer_days`, `on_time`)
);
--> statement-breakpoint
CREATE TABLE `complaint_kind_rollups` (
	`day` text NOT NULL,
	`program` text NOT NULL,
	`kind` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `program`, `kind`)
);
--> statement-breakpoint
CREATE TABLE `complaint_place_rollups` (
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`program` text NOT NULL,
	`province` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`grain`, `period`, `program`, `province`)
);
--> statement-breakpoint
CREATE TABLE `usage_entered_rollups` (
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`department` text NOT NULL,
	`channel` text NOT NULL,
	`lang` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`grain`, `period`, `department`, `channel`, `lang`)
);
--> statement-breakpoint
CREATE TABLE `usage_funnel_rollups` (
	`grain` text NOT NULL,
	`period` text NOT NULL,
	`department` text NOT NULL,
	`section` text NOT NULL,
	`outcome` text NOT NULL,
	`node` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`grain`, `period`, `department`, `section`, `outcome`, `node`)
);
--> statement-breakpoint
CREATE INDEX `complaint_counts_ubigeo_day_idx` ON `complaint_counts` (`ubigeo`,`day`);--> statement-breakpoint
-- the rollups of the counts written before this migration (the INSERTs of REBUILD_INSIGHT_ROLLUPS_SQL)
INSERT INTO complaint_place_rollups (grain, period, program, province, count) SELECT 'd', day, program, substr(ubigeo, 1, 4), sum(count) FROM complaint_counts GROUP BY 2, 3, 4 HAVING sum(count) <> 0;--> statement-breakpoint
INSERT INTO complaint_answer_rollups (grain, period, program, queue, answer_days, on_time, count) SELECT 'd', day, program, queue, answer_days, on_time, sum(count) FROM complaint_counts GROUP BY 2, 3, 4, 5, 6 HAVING sum(count) <> 0;--> statement-breakpoint
INSERT INTO usage_entered_rollups (grain, period, department, channel, lang, count) SELECT 'd', day, department, channel, lang, sum(count) FROM usage_counts WHERE outcome = 'entered' GROUP BY 2, 3, 4, 5 HAVING sum(count) <> 0;--> statement-breakpoint
INSERT INTO usage_funnel_rollups (grain, period, department, section, outcome, node, count) SELECT 'd', day, department, section, outcome, node, sum(count) FROM usage_counts GROUP BY 2, 3, 4, 5, 6 HAVING sum(count) <> 0;--> statement-breakpoint
INSERT INTO complaint_place_rollups (grain, period, program, province, count) SELECT 'm', substr(day, 1, 7), program, substr(ubigeo, 1, 4), sum(count) FROM complaint_counts GROUP BY 2, 3, 4 HAVING sum(count) <> 0;--> statement-breakpoint
INSERT INTO complaint_answer_rollups (grain, period, program, queue, answer_days, on_time, count) SELECT 'm', substr(day, 1, 7), program, queue, answer_days, on_time, sum(count) FROM complaint_counts GROUP BY 2, 3, 4, 5, 6 HAVING sum(count) <> 0;--> statement-breakpoint
INSERT INTO usage_entered_rollups (grain, period, department, channel, lang, count) SELECT 'm', substr(day, 1, 7), department, channel, lang, sum(count) FROM usage_counts WHERE outcome = 'entered' GROUP BY 2, 3, 4, 5 HAVING sum(count) <> 0;--> statement-breakpoint
INSERT INTO usage_funnel_rollups (grain, period, department, section, outcome, node, count) SELECT 'm', substr(day, 1, 7), department, section, outcome, node, sum(count) FROM usage_counts GROUP BY 2, 3, 4, 5, 6 HAVING sum(count) <> 0;--> statement-breakpoint
INSERT INTO complaint_kind_rollups (day, program, kind, count) SELECT day, program, kind, sum(count) FROM complaint_counts GROUP BY 1, 2, 3 HAVING sum(count) <> 0;