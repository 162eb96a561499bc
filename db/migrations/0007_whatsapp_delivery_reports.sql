CREATE TABLE `delivery_reports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`channel` text NOT NULL,
	`provider_id` text NOT NULL,
	`status` text NOT NULL,
	`at` integer NOT NULL,
	`error` text,
	`received_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `delivery_reports_provider_idx` ON `delivery_reports` (`channel`,`provider_id`);--> statement-breakpoint
CREATE INDEX `delivery_reports_received_idx` ON `delivery_reports` (`received_at`);