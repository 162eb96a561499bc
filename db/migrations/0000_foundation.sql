CREATE TABLE `contacts` (
	`id` text PRIMARY KEY NOT NULL,
	`urn` text NOT NULL,
	`lang` text,
	`opted_out` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_urn_unique` ON `contacts` (`urn`);--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`contact_id` text NOT NULL,
	`channel` text NOT NULL,
	`session_key` text,
	`lang` text,
	`node` text NOT NULL,
	`page` integer DEFAULT 0 NOT NULL,
	`stack` text NOT NULL,
	`data` text NOT NULL,
	`consumed` integer DEFAULT 0 NOT NULL,
	`ended` integer DEFAULT false NOT NULL,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL,
	FOREIGN KEY (`contact_id`) REFERENCES `contacts`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `sessions_channel_key_idx` ON `sessions` (`channel`,`session_key`,`contact_id`);--> statement-breakpoint
CREATE INDEX `sessions_contact_updated_idx` ON `sessions` (`contact_id`,`channel`,`updated_at`);--> statement-breakpoint
CREATE TABLE `audit_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`at` integer NOT NULL,
	`actor` text NOT NULL,
	`action` text NOT NULL,
	`subject` text,
	`channel` text,
	`outcome` text,
	`detail` text
);
--> statement-breakpoint
CREATE INDEX `audit_subject_idx` ON `audit_log` (`subject`,`at`);--> statement-breakpoint
CREATE INDEX `audit_action_idx` ON `audit_log` (`action`,`at`);--> statement-breakpoint
CREATE TABLE `outbox` (
	`id` text PRIMARY KEY NOT NULL,
	`channel` text NOT NULL,
	`address` text NOT NULL,
	`lang` text NOT NULL,
	`body` text NOT NULL,
	`ref` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer NOT NULL,
	`last_error` text,
	`provider_id` text,
	`created_at` integer NOT NULL,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `outbox_due_idx` ON `outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `outbox_ref_idx` ON `outbox` (`ref`);--> statement-breakpoint
CREATE INDEX `outbox_provider_idx` ON `outbox` (`provider_id`);