CREATE TABLE `complaint_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`complaint_id` text NOT NULL,
	`seq` integer NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`type` text NOT NULL,
	`from_status` text,
	`to_status` text,
	`assignee_id` text,
	`body` text,
	`outbox_id` text,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `complaint_events_complaint_seq_idx` ON `complaint_events` (`complaint_id`,`seq`);--> statement-breakpoint
CREATE INDEX `complaint_events_type_at_idx` ON `complaint_events` (`type`,`to_status`,`at`);--> statement-breakpoint
CREATE TABLE `complaint_reporters` (
	`complaint_id` text PRIMARY KEY NOT NULL,
	`dni` text,
	`birth_date` text,
	`name` text,
	`phone` text,
	`email` text,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE TABLE `complaints` (
	`id` text PRIMARY KEY NOT NULL,
	`code` text NOT NULL,
	`year` integer NOT NULL,
	`seq` integer NOT NULL,
	`kind` text NOT NULL,
	`urgent` integer DEFAULT false NOT NULL,
	`program` text NOT NULL,
	`category` text NOT NULL,
	`description` text NOT NULL,
	`ubigeo` text NOT NULL,
	`region` text NOT NULL,
	`queue` text NOT NULL,
	`priority` integer NOT NULL,
	`deadline` text NOT NULL,
	`status` text DEFAULT 'registrado' NOT NULL,
	`anonymous` integer DEFAULT false NOT NULL,
	`confidential` integer DEFAULT false NOT NULL,
	`lang` text NOT NULL,
	`channel` text NOT NULL,
	`contact_channel` text NOT NULL,
	`contact_address` text,
	`assignee_id` text,
	`idempotency_key` text,
	`request_hash` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`answered_at` integer,
	`closed_at` integer
);
--> statement-breakpoint
CREATE UNIQUE INDEX `complaints_code_idx` ON `complaints` (`code`);--> statement-breakpoint
CREATE UNIQUE INDEX `complaints_year_seq_idx` ON `complaints` (`year`,`seq`);--> statement-breakpoint
CREATE UNIQUE INDEX `complaints_idempotency_idx` ON `complaints` (`idempotency_key`);--> statement-breakpoint
CREATE INDEX `complaints_status_deadline_idx` ON `complaints` (`status`,`deadline`);--> statement-breakpoint
CREATE INDEX `complaints_queue_status_deadline_idx` ON `complaints` (`queue`,`status`,`deadline`);--> statement-breakpoint
CREATE INDEX `complaints_assignee_deadline_idx` ON `complaints` (`assignee_id`,`deadline`);--> statement-breakpoint
CREATE INDEX `complaints_program_created_idx` ON `complaints` (`program`,`created_at`);--> statement-breakpoint
CREATE INDEX `complaints_region_created_idx` ON `complaints` (`region`,`created_at`);