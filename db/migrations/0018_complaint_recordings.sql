CREATE TABLE `complaint_recordings` (
	`complaint_id` text PRIMARY KEY NOT NULL,
	`media_path` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `complaint_recordings_media_idx` ON `complaint_recordings` (`media_path`);