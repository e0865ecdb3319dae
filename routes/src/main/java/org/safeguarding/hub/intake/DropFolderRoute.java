package org.safeguarding.hub.intake;

import org.apache.camel.builder.RouteBuilder;

import java.nio.file.Path;

/**
 * Picks up education CSV files from the drop folder, once each is no longer being written, and
 * moves them to {@code <folder>/.done/<agency>/} or {@code <folder>/.failed/<agency>/}.
 */
public class DropFolderRoute extends RouteBuilder {

    private final Path folder;

    public DropFolderRoute(Path folder) {
        this.folder = folder;
    }

    @Override
    public void configure() {
        fromF("file:%s?recursive=true&include=.*\\.csv&readLock=changed&readLockMinAge=500&delay=1000"
                + "&move=.done/${file:name}&moveFailed=.failed/${file:name}", folder.toAbsolutePath())
                .routeId("education-drop-folder")
                .bean(DropFolderIntake.class, "submit");
    }
}
