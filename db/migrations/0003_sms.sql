CREATE TABLE `sms_continuations` (
	`urn` text PRIMARY KEY NOT NULL,
	`lang` text NOT NULL,
	`text` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `sms_inbound` (
	`provider` text NOT NULL,
	`message_id` text NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`provider`, `message_id`)
);
--> statement-breakpoint
CREATE INDEX `sms_inbound_received_idx` ON `sms_inbound` (`received_at`);