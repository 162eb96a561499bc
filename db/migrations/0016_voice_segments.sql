CREATE TABLE `voice_languages` (
	`lang` text PRIMARY KEY NOT NULL,
	`enabled` integer NOT NULL,
	`changed_by` text NOT NULL,
	`changed_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `voice_segments` (
	`lang` text NOT NULL,
	`segment` text NOT NULL,
	`text` text NOT NULL,
	`status` text NOT NULL,
	`duration_ms` integer,
	`media_path` text,
	`recorded_by` text,
	`recorded_at` integer,
	`reviewed_by` text,
	`reviewed_at` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`lang`, `segment`)
);
--> statement-breakpoint
CREATE INDEX `voice_segments_status_idx` ON `voice_segments` (`lang`,`status`);