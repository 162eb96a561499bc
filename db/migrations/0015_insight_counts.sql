CREATE TABLE `usage_counts` (
	`day` text NOT NULL,
	`channel` text NOT NULL,
	`lang` text NOT NULL,
	`section` text NOT NULL,
	`department` text NOT NULL,
	`outcome` text NOT NULL,
	`node` text NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `channel`, `lang`, `section`, `department`, `outcome`, `node`)
);
--> statement-breakpoint
CREATE TABLE `complaint_counts` (
	`day` text NOT NULL,
	`program` text NOT NULL,
	`kind` text NOT NULL,
	`category` text NOT NULL,
	`ubigeo` text NOT NULL,
	`channel` text NOT NULL,
	`lang` text NOT NULL,
	`queue` text NOT NULL,
	`answer_days` integer NOT NULL,
	`on_time` integer NOT NULL,
	`count` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`day`, `program`, `kind`, `category`, `ubigeo`, `channel`, `lang`, `queue`, `answer_days`, `on_time`)
);
--> statement-breakpoint
CREATE INDEX `complaint_counts_program_day_idx` ON `complaint_counts` (`program`,`day`);--> statement-breakpoint
ALTER TABLE `contacts` ADD `department` text;--> statement-breakpoint
-- the counts of the complaints filed before this migration (the same statement as BACKFILL_COMPLAINT_COUNTS_SQL)
INSERT INTO complaint_counts (day, program, kind, category, ubigeo, channel, lang, queue, answer_days, on_time, count)
SELECT strftime('%Y-%m-%d', created_at / 1000 - 18000, 'unixepoch'), program, kind, category, ubigeo, channel, lang, queue,
  CASE WHEN answered_at IS NULL THEN -1 ELSE max(0, CAST(julianday(strftime('%Y-%m-%d', answered_at / 1000 - 18000, 'unixepoch')) - julianday(strftime('%Y-%m-%d', created_at / 1000 - 18000, 'unixepoch')) AS INTEGER)) END,
  CASE WHEN answered_at IS NOT NULL AND strftime('%Y-%m-%d', answered_at / 1000 - 18000, 'unixepoch') <= deadline THEN 1 ELSE 0 END,
  count(*)
FROM complaints GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10;
