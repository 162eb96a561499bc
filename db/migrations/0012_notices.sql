CREATE TABLE `notice_consents` (
	`id` text PRIMARY KEY NOT NULL,
	`person_key` text NOT NULL,
	`channel` text NOT NULL,
	`address` text NOT NULL,
	`lang` text NOT NULL,
	`status` text NOT NULL,
	`granted_at` integer NOT NULL,
	`granted_via` text NOT NULL,
	`granted_by` text NOT NULL,
	`text_key` text NOT NULL,
	`text_version` text NOT NULL,
	`revoked_at` integer,
	`revoked_via` text,
	`revoked_by` text,
	`updated_at` integer NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notice_consents_person_idx` ON `notice_consents` (`person_key`,`channel`,`address`);--> statement-breakpoint
CREATE INDEX `notice_consents_address_idx` ON `notice_consents` (`address`);--> statement-breakpoint
CREATE TABLE `notices` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`person_key` text NOT NULL,
	`program` text NOT NULL,
	`period` text NOT NULL,
	`channel` text NOT NULL,
	`address` text NOT NULL,
	`lang` text NOT NULL,
	`params` text NOT NULL,
	`window_from` text,
	`window_until` text,
	`status` text NOT NULL,
	`held` text,
	`created_at` integer NOT NULL,
	`sent_at` integer,
	`sent_day` text,
	`outbox_id` text
);
--> statement-breakpoint
CREATE UNIQUE INDEX `notices_key_idx` ON `notices` (`person_key`,`program`,`period`,`kind`,`address`);--> statement-breakpoint
CREATE INDEX `notices_pending_idx` ON `notices` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `notices_sent_day_idx` ON `notices` (`sent_day`);--> statement-breakpoint
CREATE INDEX `notices_created_idx` ON `notices` (`created_at`);--> statement-breakpoint
CREATE INDEX `payments_from_idx` ON `payments` (`available_from`);--> statement-breakpoint
CREATE INDEX `payments_until_idx` ON `payments` (`available_until`);