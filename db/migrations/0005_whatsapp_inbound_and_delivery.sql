CREATE TABLE `inbound_messages` (
	`channel` text NOT NULL,
	`external_id` text NOT NULL,
	`address` text NOT NULL,
	`sent_at` integer NOT NULL,
	`received_at` integer NOT NULL,
	PRIMARY KEY(`channel`, `external_id`)
);
--> statement-breakpoint
CREATE INDEX `inbound_messages_address_idx` ON `inbound_messages` (`channel`,`address`,`sent_at`);--> statement-breakpoint
ALTER TABLE `outbox` ADD `choices` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `delivery` text;--> statement-breakpoint
ALTER TABLE `outbox` ADD `delivery_at` integer;--> statement-breakpoint
ALTER TABLE `outbox` ADD `delivery_error` text;