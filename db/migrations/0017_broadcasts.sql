CREATE TABLE `broadcast_recipients` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`broadcast_id` text NOT NULL,
	`person_key` text NOT NULL,
	`channel` text NOT NULL,
	`address` text NOT NULL,
	`lang` text NOT NULL,
	`status` text NOT NULL,
	`outbox_id` text,
	`queued_at` integer,
	FOREIGN KEY (`broadcast_id`) REFERENCES `broadcasts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `broadcast_recipients_address_idx` ON `broadcast_recipients` (`broadcast_id`,`channel`,`address`);--> statement-breakpoint
CREATE INDEX `broadcast_recipients_status_idx` ON `broadcast_recipients` (`broadcast_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `broadcast_recipients_queued_idx` ON `broadcast_recipients` (`queued_at`);--> statement-breakpoint
CREATE TABLE `broadcasts` (
	`id` text PRIMARY KEY NOT NULL,
	`title` text NOT NULL,
	`audience` text NOT NULL,
	`texts` text NOT NULL,
	`status` text NOT NULL,
	`scheduled_at` integer,
	`created_by` text NOT NULL,
	`created_at` integer NOT NULL,
	`approved_by` text,
	`approved_at` integer,
	`cancelled_by` text,
	`cancelled_at` integer,
	`started_at` integer,
	`finished_at` integer,
	`recipients` integer,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `broadcasts_status_scheduled_idx` ON `broadcasts` (`status`,`scheduled_at`);--> statement-breakpoint
CREATE INDEX `broadcasts_created_idx` ON `broadcasts` (`created_at`);