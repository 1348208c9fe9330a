package dev.berth.model.load;

import dev.berth.model.discovery.ProjectFiles;
import dev.berth.model.env.Environment;
import dev.berth.model.interpolation.VariableUsage;
import dev.berth.model.project.Project;
import java.util.List;

/**
 * The result of a load: the project, the environment used for interpolation, the files it came from,
 * every variable reference written in those files (for {@code config --variables} and {@code --explain}),
 * and every profile the files define, enabled or not.
 */
public record LoadedProject(Project project, Environment environment, ProjectFiles files,
                            List<VariableUsage> variables, List<String> allProfiles) {

    public LoadedProject {
        variables = List.copyOf(variables);
        allProfiles = List.copyOf(allProfiles);
    }
}
