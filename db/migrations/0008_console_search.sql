ALTER TABLE `complaint_reporters` ADD `postal_address` text;--> statement-breakpoint
CREATE INDEX `complaint_reporters_dni_idx` ON `complaint_reporters` (`dni`);--> statement-breakpoint
CREATE INDEX `complaint_reporters_phone_idx` ON `complaint_reporters` (`phone`);--> statement-breakpoint
CREATE INDEX `complaints_status_urgent_deadline_idx` ON `complaints` (`status`,`urgent`,`deadline`,`year`,`seq`);--> statement-breakpoint
CREATE INDEX `complaints_contact_address_idx` ON `complaints` (`contact_address`);