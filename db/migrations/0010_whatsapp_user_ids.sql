ALTER TABLE `contacts` ADD `wa_user_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `contacts_wa_user_id_unique` ON `contacts` (`wa_user_id`);