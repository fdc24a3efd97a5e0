package io.strangler.cli;

/** Entry point of the strangler command. */
public final class StranglerCommand {
    private StranglerCommand() {
    }

    public static void main(String[] args) {
        System.out.println("strangler: under construction");
    }
}
