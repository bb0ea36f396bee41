package io.resourcepool.http;

import io.resourcepool.api.Secret;
import java.net.URI;
import java.util.List;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;

/** The dashboard as a person uses it in the browser: what they type, click and read. */
final class DashboardPage {
    private final Browser browser;
    private final URI hub;

    DashboardPage(Browser browser, URI hub) {
        this.browser = browser;
        this.hub = hub;
    }

    /** Opens the hub's root address, which leads to the dashboard's login form (a fresh page has no session). */
    DashboardPage open() {
        browser.driver.get(hub.resolve("/").toString());
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("login-form")));
        return this;
    }

    /** Types the username and password and submits them; the password field masks what it holds. */
    DashboardPage submitLogin(String username, Secret password) {
        WebElement name = find("#login-username");
        name.clear();
        name.sendKeys(username);
        find("#login-password").sendKeys(password.reveal());
        find("#login-submit").click();
        return this;
    }

    DashboardPage logIn(String username, Secret password) {
        submitLogin(username, password);
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.id("app")));
        return this;
    }

    void submitCode(String code) {
        find("#login-code").sendKeys(code);
        find("#login-submit").click();
    }

    /** Goes to a view by its link in the top bar. */
    DashboardPage view(String name) {
        find("[data-view-link=" + name + "]").click();
        browser.waiting().until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("[data-view=" + name + "]")));
        return this;
    }

    WebElement find(String css) {
        return browser.driver.findElement(By.cssSelector(css));
    }

    List<WebElement> all(String css) {
        return browser.driver.findElements(By.cssSelector(css));
    }

    String text(String css) {
        return find(css).getText();
    }

    boolean shown(String css) {
        return find(css).isDisplayed();
    }

    void type(String css, String value) {
        WebElement field = find(css);
        field.clear();
        field.sendKeys(value);
    }

    void choose(String css, String value) {
        new Select(find(css)).selectByValue(value);
    }

    /** Waits until an element's text contains something. */
    void awaitText(String css, String wanted) {
        browser.waiting().until(ExpectedConditions.textToBePresentInElementLocated(By.cssSelector(css), wanted));
    }

    /**
     * Reads or acts on elements that a view's refresh may replace at any moment: a look that finds its elements
     * replaced (stale) is made again on the new ones.
     */
    <T> T settled(java.util.function.Function<org.openqa.selenium.WebDriver, T> look) {
        return browser.waiting().ignoring(org.openqa.selenium.StaleElementReferenceException.class).until(look::apply);
    }

    /** Waits until a number of elements match. */
    void awaitCount(String css, int count) {
        browser.waiting().until(ExpectedConditions.numberOfElementsToBe(By.cssSelector(css), count));
    }
}
