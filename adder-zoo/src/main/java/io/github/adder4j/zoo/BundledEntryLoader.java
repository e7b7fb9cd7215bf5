package io.github.adder4j.zoo;

import ai.djl.Application;
import ai.djl.repository.MRL;
import ai.djl.repository.Repository;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ModelLoader;
import ai.djl.util.Progress;

/**
 * What every loader of an entry shipped inside the zoo jar shares: group id {@value AdderModelZoo#GROUP_ID}, artifact id =
 * entry id, version 1, an application, and nothing to download.
 */
abstract class BundledEntryLoader implements ModelLoader {
    private final String id;
    private final Application application;
    private final MRL mrl;

    /** A loader of entry {@code id}; {@code repository} names where the zoo lives (for DJL's listings). */
    BundledEntryLoader(String id, Application application, Repository repository) {
        this.id = id;
        this.application = application;
        this.mrl = MRL.model(repository, application, AdderModelZoo.GROUP_ID, id, "1", id);
    }

    /** {@value AdderModelZoo#GROUP_ID}. */
    @Override
    public String getGroupId() {
        return AdderModelZoo.GROUP_ID;
    }

    /** The entry id. */
    @Override
    public String getArtifactId() {
        return id;
    }

    /** The entry's DJL application. */
    @Override
    public Application getApplication() {
        return application;
    }

    /** The entry's DJL resource locator: group id {@value AdderModelZoo#GROUP_ID}, artifact id = entry id, version 1. */
    @Override
    public MRL getMrl() {
        return mrl;
    }

    /** Always true: entries ship inside the jar. */
    @Override
    public <I, O> boolean isDownloaded(Criteria<I, O> criteria) {
        return true;
    }

    /** Nothing to download. */
    @Override
    public <I, O> void downloadModel(Criteria<I, O> criteria, Progress progress) {
        // entries ship inside the jar
    }

    /** {@code groupId:artifactId}. */
    @Override
    public String toString() {
        return AdderModelZoo.GROUP_ID + ":" + id;
    }
}
