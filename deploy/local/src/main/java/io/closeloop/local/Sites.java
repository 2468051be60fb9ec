package io.closeloop.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The declared sites ({@value #DECLARATION}): the one list that every site-dependent file is generated from
 * ({@link SiteFiles}).
 */
public final class Sites {

    public static final String DECLARATION = "deploy/sites.yaml";
    /** As the realm's user profile validates the {@code sites} attribute: a code fits a topic and a client id. */
    public static final Pattern CODE = Pattern.compile("[a-z0-9-]{1,40}");

    private static final String LIST_KEY = "sites:";

    public record Site(String code, String name) {

        public Site {
            if (code == null || !CODE.matcher(code).matches()) {
                throw new IllegalArgumentException("A site code is 1 to 40 lower-case letters, digits and dashes, not '"
                        + code + "'");
            }
            if (name == null || name.isBlank() || name.length() > 100 || name.chars().anyMatch(Character::isISOControl)) {
                throw new IllegalArgumentException("A site's name is one line of 1 to 100 characters, not '" + name + "'");
            }
        }

        public String clientId() {
            return KafkaSecurity.SITE_CLIENT_PREFIX + code;
        }
    }

    private Sites() {
    }

    /** The sites declared in the checkout at {@code root}, in their order; at least one, no code twice. */
    public static List<Site> read(Path root) {
        JsonNode declared;
        try {
            declared = new YAMLMapper().readTree(root.resolve(DECLARATION).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Site> sites = new ArrayList<>();
        Set<String> codes = new HashSet<>();
        for (JsonNode entry : declared.path("sites")) {
            Site site = new Site(entry.path("code").asText(null), entry.path("name").asText(null));
            if (!codes.add(site.code())) {
                throw new IllegalArgumentException(DECLARATION + " declares site " + site.code() + " twice");
            }
            sites.add(site);
        }
        if (sites.isEmpty()) {
            throw new IllegalArgumentException(DECLARATION + " declares no site");
        }
        return sites;
    }

    /** Declares one more site; refuses a code already declared. Writes the declaration, nothing else. */
    static Site declare(Path root, String code, String name) {
        Site site = new Site(code, name);
        List<Site> sites = new ArrayList<>(read(root));
        if (sites.stream().anyMatch(existing -> existing.code().equals(code))) {
            throw new IllegalArgumentException("Site " + code + " is already declared in " + DECLARATION);
        }
        sites.add(site);
        write(root, sites);
        return site;
    }

    /** Rewrites the list, keeping everything above it (the comments) as it is. */
    private static void write(Path root, List<Site> sites) {
        Path file = root.resolve(DECLARATION);
        try {
            String text = Files.readString(file);
            int list = text.indexOf("\n" + LIST_KEY + "\n");
            if (list < 0) {
                throw new IllegalStateException(DECLARATION + " has no top-level '" + LIST_KEY + "' line");
            }
            StringBuilder out = new StringBuilder(text.substring(0, list + LIST_KEY.length() + 2));
            ObjectMapper json = new ObjectMapper();
            for (Site site : sites) {
                // A JSON string is a YAML double-quoted scalar: any name stays one safe line.
                out.append("  - code: ").append(site.code()).append('\n')
                        .append("    name: ").append(json.writeValueAsString(site.name())).append('\n');
            }
            Files.writeString(file, out);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
