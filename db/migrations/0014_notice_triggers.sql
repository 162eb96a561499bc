CREATE TABLE `registry_changes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`dni` text NOT NULL,
	`program` text NOT NULL,
	`period` text
);
--> statement-breakpoint
-- an import that changes an enrolment's status (suspended, reactivated): a status_changed notice
CREATE TRIGGER `enrolments_status_changed` AFTER UPDATE OF `status` ON `enrolments`
WHEN old.`status` IS NOT new.`status`
BEGIN
	INSERT INTO `registry_changes` (`kind`, `dni`, `program`, `period`) VALUES ('enrolment', new.`dni`, new.`program`, NULL);
END;
--> statement-breakpoint
-- an import that moves a payment's window: a correction if its notice already went
CREATE TRIGGER `payments_window_moved` AFTER UPDATE OF `available_from`, `available_until` ON `payments`
WHEN old.`available_from` IS NOT new.`available_from` OR old.`available_until` IS NOT new.`available_until`
BEGIN
	INSERT INTO `registry_changes` (`kind`, `dni`, `program`, `period`) VALUES ('payment', new.`dni`, new.`program`, new.`period`);
END;
